/**
 * A type rule and spelling for library functions whose parameters are plain values with defaults
 * (`html.escape(s, quote=True)`, `urljoin(base, url, allow_fragments=True)`): arguments bind by
 * position or keyword, each is checked against its parameter's kind and turned into the Rust the
 * runtime function takes, and an omitted one takes its parameter's default Rust.
 */
import { T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import type { OpEntry, ResolveResult } from '../registry';
import { bindArgs, ok } from './numpy';

/**
 * What a parameter accepts: `optstr` is `str | None` (passed as `Option<&str>`), `strlist` a `list[str]`, `default` a
 * parameter only supported at its default (text encodings other than UTF-8), so it must be left out.
 */
export type ParamKind = 'str' | 'bool' | 'int' | 'optstr' | 'optint' | 'strlist' | 'default';

export interface Param {
  name: string;
  kind: ParamKind;
  /** The Rust of an omitted argument; a parameter without one is required. */
  dflt?: string;
}

const KIND_NAMES: Record<ParamKind, string> = {
  str: 'a str',
  bool: 'a bool',
  int: 'an int',
  optstr: 'a str or None',
  optint: 'an int or None',
  strlist: 'a list of str',
  default: 'left out (only its default is supported)',
};

/** The Rust of an argument of type `t` at placeholder key `at` for a parameter of `kind`, or undefined if it does not fit. */
function rustArg(kind: ParamKind, t: Type, at: string): string | undefined {
  const isOpt = (k: string): boolean => t.kind === 'optional' && t.item.kind === k;
  switch (kind) {
    case 'str':
      return t.kind === 'str' ? `({&${at}}).as_str()` : undefined;
    case 'bool':
      return t.kind === 'bool' ? `{${at}}` : t.kind === 'int' ? `({${at}} != 0)` : undefined;
    case 'int':
      return t.kind === 'int' ? `{${at}}` : undefined;
    case 'optstr':
      return t.kind === 'str'
        ? `Some(({&${at}}).as_str())`
        : t.kind === 'none'
          ? 'None'
          : isOpt('str')
            ? `({&${at}}).as_deref()`
            : undefined;
    case 'optint':
      return t.kind === 'int' ? `Some({${at}})` : t.kind === 'none' ? 'None' : isOpt('int') ? `{${at}}` : undefined;
    case 'strlist':
      return t.kind === 'list' && t.item.kind === 'str' ? `({&${at}}).as_slice()` : undefined;
    case 'default':
      return undefined;
  }
}

/** Binds a call's arguments to `params`; the choice's detail holds each argument's Rust (`arg.<name>`). */
export function bindParams(
  id: string,
  params: Param[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  result: Type,
  variant = 'call',
): ResolveResult {
  const b = bindArgs(
    id,
    params.map((p) => p.name),
    args,
    kw,
  );
  if ('error' in b) return b;
  const detail: Record<string, string> = {};
  for (const p of params) {
    const got = b.get(p.name);
    if (!got) {
      if (p.dflt === undefined) return { error: `\`${id}\` is missing the argument \`${p.name}\`` };
      continue;
    }
    const rust = rustArg(p.kind, got.t, got.at);
    if (rust === undefined) return { error: `\`${p.name}\` must be ${KIND_NAMES[p.kind]}, not ${typeToString(got.t)}` };
    detail[`arg.${p.name}`] = rust;
  }
  return ok(id, result, args, variant, detail);
}

/** Each parameter's Rust in a choice made by `bindParams`, defaults filled in. */
export function paramArgs(c: OpChoice, params: Param[]): Record<string, string> {
  return Object.fromEntries(
    params.map((p) => [p.name, (c.detail?.[`arg.${p.name}`] as string | undefined) ?? p.dflt!]),
  );
}

/**
 * An entry's rule and spelling for a function of plain parameters: `call(args)` writes the Rust
 * call from each parameter's Rust.
 */
export function paramsCall(
  id: string,
  params: Param[],
  result: Type,
  call: (a: Record<string, string>) => string,
): Pick<OpEntry, 'resolve' | 'spell'> {
  return {
    resolve: (args, kw) => bindParams(id, params, args, kw, result),
    spell: { call: (c) => call(paramArgs(c, params)) },
  };
}

export { T };
