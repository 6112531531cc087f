// Loads the platform addon the way napi-rs lays packages out: a `{{binaryName}}.<platform>.node` file next to this one
// (a local build, or a package that ships its binary), then the optional platform package `{{packageName}}-<platform>`.
const __ingot_fs = require('node:fs');
const __ingot_path = require('node:path');

function __ingot_isMusl() {
  if (process.platform !== 'linux') return false;
  try {
    return __ingot_fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null;
    return !(report && report.header && report.header.glibcVersionRuntime);
  }
}

function __ingot_platformKey() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${__ingot_isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function __ingot_loadNative() {
  const key = __ingot_platformKey();
  const errors = [];
  const local = __ingot_path.join(__dirname, `{{binaryName}}.${key}.node`);
  if (__ingot_fs.existsSync(local)) {
    try {
      return require(local);
    } catch (e) {
      errors.push(e);
    }
  }
  try {
    return require(`{{packageName}}-${key}`);
  } catch (e) {
    errors.push(e);
  }
  const err = new Error(
    `{{packageName}}: no native addon for ${key}; expected ${local} or the package {{packageName}}-${key}` +
      errors.map((e) => `\n  ${e.message}`).join(''),
  );
  err.cause = errors;
  throw err;
}

const __ingot_native = __ingot_loadNative();
