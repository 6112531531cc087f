// The serving recipes, checked as far as this machine allows. There is no container engine here (a docker client but
// no daemon), so the image is not built: hadolint lints the Dockerfile, and the assertions below hold it to what the
// k8s manifests rely on. kubeconform validates the manifests, in strict mode, against the Kubernetes 1.33 JSON
// schemas that the PyPI package kubernetes-validate ships (the schema site itself is not reachable). Each checker is
// also shown a broken copy, so a checker that accepts everything fails here.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INTEGRATIONS } from './setup';

const K8S = path.join(INTEGRATIONS, 'k8s');
const DOCKERFILE = path.join(INTEGRATIONS, 'container', 'Dockerfile');
const K8S_VERSION = '1.33.0';

let venvBin: string;
let kubeconform: string;
let schemas: string;

/** The kinds the manifests use, as kubeconform names their schema files (`deployment-apps-v1`, `service-v1`). */
function schemaNames(yamlFiles: string[]): string[] {
  const names = new Set<string>();
  for (const f of yamlFiles) {
    for (const doc of readFileSync(f, 'utf8').split(/^---$/m)) {
      const api = /^apiVersion:\s*(\S+)/m.exec(doc)?.[1];
      const kind = /^kind:\s*(\S+)/m.exec(doc)?.[1];
      if (!api || !kind) continue;
      const [group, version] = api.includes('/') ? api.split('/') : ['', api];
      names.add([kind.toLowerCase(), group!.split('.')[0], version].filter(Boolean).join('-'));
    }
  }
  return [...names];
}

/**
 * kubernetes-validate's schemas refer to one shared `/api/_definitions.json` by an absolute path its own loader
 * resolves; kubeconform would look for it at the file system's root. Each schema the manifests need is written out
 * standalone (the definitions inlined under `$defs`, the references made local), in kubeconform's directory layout.
 */
function standaloneSchemas(names: string[]): string {
  const site = spawnSync(
    path.join(venvBin, 'python'),
    ['-c', 'import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))'],
    { encoding: 'utf8' },
  );
  if (site.status !== 0) throw new Error(`kubernetes_validate is not importable: ${site.stderr}`);
  const src = path.join(site.stdout.trim(), 'kubernetes-json-schema', `v${K8S_VERSION}-local-strict`);
  const local = (s: string) => s.replaceAll('"/api/_definitions.json#/', '"#/');
  const defs = JSON.parse(local(readFileSync(path.join(src, '_definitions.json'), 'utf8'))).$defs;
  const out = mkdtempSync(path.join(os.tmpdir(), 'ingot-k8s-schemas-'));
  const dir = path.join(out, `v${K8S_VERSION}-standalone-strict`);
  mkdirSync(dir);
  for (const n of names) {
    const schema = JSON.parse(local(readFileSync(path.join(src, `${n}.json`), 'utf8')));
    writeFileSync(path.join(dir, `${n}.json`), JSON.stringify({ ...schema, $defs: defs }));
  }
  return out;
}

function validate(files: string[]): { status: number | null; out: string } {
  const r = spawnSync(
    kubeconform,
    [
      '-strict',
      '-summary',
      '-kubernetes-version',
      K8S_VERSION,
      '-schema-location',
      `${schemas}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
      ...files,
    ],
    { encoding: 'utf8' },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function hadolint(file: string): { status: number | null; out: string } {
  const r = spawnSync(path.join(venvBin, 'hadolint'), ['--no-color', file], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const manifests = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => path.join(K8S, f));

beforeAll(
  () => {
    const r = spawnSync('bash', [path.join(INTEGRATIONS, 'tools', 'install.sh')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`integrations/tools/install.sh failed:\n${r.stderr}`);
    [venvBin, kubeconform] = r.stdout.trim().split('\n') as [string, string];
    schemas = standaloneSchemas(schemaNames(manifests));
  },
  20 * 60 * 1000,
);

describe('the Kubernetes manifests', () => {
  test('are valid against the Kubernetes schemas (kubeconform -strict)', () => {
    const r = validate(manifests);
    expect(r.out).toMatch(/4 resources found in 3 files - Valid: 4, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(r.status).toBe(0);
  });

  test('a wrong type or an unknown field is rejected, so the check can fail', () => {
    const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'ingot-k8s-broken-')), 'deployment.yaml');
    const text = readFileSync(path.join(K8S, 'deployment.yaml'), 'utf8');
    writeFileSync(
      broken,
      text.replace('replicas: 2', 'replicas: two').replace('containerPort: 8000', 'containerPrt: 8000'),
    );
    const r = validate([broken]);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/replicas/);
    expect(r.out).toMatch(/containerPrt/);
  });

  test('probes, port and security settings agree with the image', () => {
    const d = readFileSync(path.join(K8S, 'deployment.yaml'), 'utf8');
    const docker = readFileSync(DOCKERFILE, 'utf8');
    // Startup and readiness ask /health/ready, liveness /health, on the port the image exposes, as the user the image runs as.
    expect(d.match(/path: \/health\/ready$/gm)).toHaveLength(2);
    expect(d.match(/path: \/health$/gm)).toHaveLength(1);
    expect(docker).toMatch(/^EXPOSE 8000$/m);
    expect(d).toMatch(/containerPort: 8000/);
    expect(docker).toMatch(/^USER 10001:10001$/m);
    expect(d).toMatch(/runAsUser: 10001/);
    // The grace period covers the server's 30 s drain of in-flight requests plus the preStop pause.
    const grace = Number(/terminationGracePeriodSeconds: (\d+)/.exec(d)![1]);
    const pause = Number(/command: \[['"]sleep['"], ['"](\d+)['"]\]/.exec(d)![1]);
    expect(grace).toBeGreaterThanOrEqual(30 + pause);
  });
});

describe('the container recipe', () => {
  test('hadolint finds nothing in the Dockerfile', () => {
    const r = hadolint(DOCKERFILE);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  test('hadolint flags a final stage that runs as root and an unpinned base image, so the lint can fail', () => {
    const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'ingot-dockerfile-')), 'Dockerfile');
    const text = readFileSync(DOCKERFILE, 'utf8')
      .replace('USER 10001:10001', 'USER root')
      .replace('FROM node:${NODE_VERSION}-bookworm-slim AS runtime', 'FROM node AS runtime');
    writeFileSync(broken, text);
    const r = hadolint(broken);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/DL3002/);
    expect(r.out).toMatch(/DL3006/);
  });

  test('is multi-stage, and the image it ships has no toolchain, runs unprivileged and checks /health', () => {
    const docker = readFileSync(DOCKERFILE, 'utf8');
    const stages = docker.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const last = stages[stages.length - 1]!;
    expect(last).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS runtime/);
    expect(last).not.toMatch(/cargo|rustup|apt-get install|npm ci/);
    expect(last).toMatch(/^USER 10001:10001$/m);
    expect(last).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(last).toMatch(/^HEALTHCHECK .*\n.*\/health\/ready/m);
    // `exec` makes node PID 1 itself, so SIGTERM reaches the server (tested as PID 1 in packages/server).
    expect(last).toMatch(/^ENTRYPOINT \["sh", "-c", "exec node /m);
  });
});
