// Writes a wheel (PEP 427): a zip of the package files plus `<dist>-<version>.dist-info/{METADATA,WHEEL,RECORD}`.
// ingot writes it itself instead of calling a build backend, so a machine with only `python3` (no setuptools `wheel`) can
// produce and install it offline. Timestamps are fixed, so the same inputs give the same bytes.

import { createHash } from 'node:crypto';
import { deflateRawSync, crc32 } from 'node:zlib';

export interface WheelInput {
  distName: string;
  /** The distribution name as it appears in file names (`-` as `_`). */
  wheelDistName: string;
  version: string;
  tag: string;
  summary: string;
  readme: string;
  /** Path inside the wheel -> contents. */
  files: Map<string, Buffer>;
}

function recordHash(data: Buffer): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

/** A zip archive of `entries` (deflated), in the given order. */
export function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00, the earliest DOS date.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the permission bits below are read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(((name.endsWith('.so') || name.endsWith('.dylib') ? 0o100755 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

export function buildWheel(w: WheelInput): Buffer {
  const info = `${w.wheelDistName}-${w.version}.dist-info`;
  const files = new Map(w.files);
  files.set(
    `${info}/METADATA`,
    Buffer.from(
      `Metadata-Version: 2.1\nName: ${w.distName}\nVersion: ${w.version}\nSummary: ${w.summary}\nRequires-Python: >=3.8\n` +
        `Description-Content-Type: text/markdown\n\n${w.readme}`,
    ),
  );
  files.set(
    `${info}/WHEEL`,
    Buffer.from(`Wheel-Version: 1.0\nGenerator: ingot\nRoot-Is-Purelib: false\nTag: ${w.tag}\n`),
  );
  const record = [...files].map(([name, data]) => `${name},${recordHash(data)},${data.length}`);
  record.push(`${info}/RECORD,,`);
  files.set(`${info}/RECORD`, Buffer.from(record.join('\n') + '\n'));
  return zip([...files]);
}
