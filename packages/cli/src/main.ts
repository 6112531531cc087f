#!/usr/bin/env node
/**
 * The `ingot` executable: parses argv with the option table in options.ts and calls the
 * command functions in commands.ts. An unexpected internal error prints one line, never a
 * stack trace (set INGOT_DEBUG=1 to see it).
 */
import { parseArgs } from 'node:util';
import { COMMANDS } from './options';
import { bindings, compileCommand, ir, run, serve } from './commands';

function usage(): string {
  const lines = ['usage: ingot <command> [options]', '', 'commands:'];
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  return `${lines.join('\n')}\n`;
}

function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const lines = [`usage: ${c.usage}`, '', c.summary, '', 'options:'];
  for (const [k, o] of Object.entries(c.options))
    lines.push(
      `  --${k}${o.type === 'string' ? ' VALUE' : ''}  ${o.help}${o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(usage());
    return cmd ? 0 : 2;
  }
  const spec = COMMANDS[cmd];
  if (!spec) {
    process.stderr.write(`error: unknown command \`${cmd}\`\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(cmd));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: o.type }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${commandHelp(cmd)}`);
    return 2;
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (cmd === 'serve') {
    return serve(parsed.positionals, {
      host: v.host as string | undefined,
      port: v.port as string | undefined,
      maxInputs: v['max-inputs'] as string | undefined,
      maxInputChars: v['max-input-chars'] as string | undefined,
      maxBodyBytes: v['max-body-bytes'] as string | undefined,
      maxBatch: v['max-batch'] as string | undefined,
      apiKey: v['api-key'] as string | undefined,
    });
  }
  const [target] = parsed.positionals;
  if (!target || parsed.positionals.length > 1) {
    process.stderr.write(
      `error: expected exactly one ${cmd === 'bindings' ? 'DIR' : 'FILE.py[:FUNC]'}\n\n${commandHelp(cmd)}`,
    );
    return 2;
  }
  switch (cmd) {
    case 'run':
      return run(target, { args: v.args as string | undefined, json: v.json as boolean, quiet: v.quiet as boolean });
    case 'compile':
      return compileCommand(target, {
        out: v.out as string | undefined,
        json: v.json as boolean,
        quiet: v.quiet as boolean,
        embedWeights: v['embed-weights'] as boolean,
        features: v.features as string | undefined,
        quantize: v.quantize as string | undefined,
      });
    case 'ir':
      return ir(target, { json: v.json as boolean });
    case 'bindings':
      return bindings(target, {
        lang: v.lang as string | undefined,
        out: v.out as string | undefined,
        name: v.name as string | undefined,
        quiet: v.quiet as boolean,
      });
    default:
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // The machine refused a write (a full disk, a read-only or forbidden folder): say so, it is not a bug.
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES' || code === 'EDQUOT') {
      process.stderr.write(
        `error: ${(err as Error).message}\n  = help: ${code === 'ENOSPC' || code === 'EDQUOT' ? "the disk is full: free space (Ingot's cache is under ~/.cache/ingot, or $INGOT_CACHE_DIR)" : 'the folder is not writable for this user'}\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stderr.write(
      `error: internal error in ingot: ${(err as Error)?.message ?? String(err)}\n  = help: this is a bug; rerun with INGOT_DEBUG=1 for details\n`,
    );
    if (process.env.INGOT_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
    process.exitCode = 70;
  },
);
