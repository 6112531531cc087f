/**
 * The IR's text form, printed by `ingot ir` and used by the golden tests. After infer, every
 * expression shows its type (`: int`) and every op its resolved overload (`operator.add[int, int]`).
 */
import type { IrExpr, IrStmt, IrTarget, FStringPiece } from './ir';
import type { TypedModule, FunctionInstance } from './typed';
import type { ConstValue } from './consts';
import { typeToString } from '../types/types';

export function printTypedModule(tm: TypedModule): string {
  const out: string[] = [`module ${tm.module.name}  # ${tm.module.file}`];
  for (const c of tm.module.constants.values())
    out.push(`const ${c.name}: ${typeToString(c.type)} = ${printConst(c.value)}`);
  for (const inst of tm.instances) out.push('', printInstance(inst));
  return out.join('\n') + '\n';
}

function printInstance(inst: FunctionInstance): string {
  const fn = inst.fn;
  const params = fn.params.map(
    (p, i) => `${p.name}: ${typeToString(inst.paramTypes[i]!)}${p.default ? ` = ${printConst(p.default)}` : ''}`,
  );
  const out = [
    `fn ${inst.rustName}(${params.join(', ')}) -> ${typeToString(inst.returnType)}${inst.isEntry ? '  # entry' : ''}  # line ${fn.span.line}`,
  ];
  const locals = [...inst.locals].filter(([n]) => !fn.params.some((p) => p.name === n));
  if (locals.length)
    out.push(
      `  locals ${locals.map(([n, t]) => `${n}: ${typeToString(t)}${inst.maybeUnbound.has(n) ? ' (maybe unbound)' : ''}`).join(', ')}`,
    );
  printBlock(fn.body, 1, out);
  return out.join('\n');
}

function printBlock(body: IrStmt[], depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  for (const st of body) {
    const at = `  # line ${st.span.line}`;
    switch (st.kind) {
      case 'assign':
        out.push(`${pad}${printTarget(st.target)} = ${printExpr(st.value)}${at}`);
        break;
      case 'expr':
        out.push(`${pad}${printExpr(st.value)}${at}`);
        break;
      case 'return':
        out.push(`${pad}return${st.value ? ` ${printExpr(st.value)}` : ''}${at}`);
        break;
      case 'raise':
        if (st.user) {
          const fields = st.user.fields.map((f) => `, ${f.name}=${printExpr(f.value)}`).join('');
          out.push(
            `${pad}raise ${st.user.classes.join('<')}<${st.exception}(${st.user.args.map(printExpr).join(', ')}${fields})${at}`,
          );
        } else out.push(`${pad}raise ${st.exception}${st.message ? `(${printExpr(st.message)})` : ''}${at}`);
        break;
      case 'assert':
        out.push(`${pad}assert ${printExpr(st.test)}${st.message ? `, ${printExpr(st.message)}` : ''}${at}`);
        break;
      case 'break':
      case 'continue':
      case 'pass':
        out.push(`${pad}${st.kind}${at}`);
        break;
      case 'reraise':
        out.push(`${pad}raise${at}`);
        break;
      case 'yield':
        out.push(`${pad}yield${st.from ? ' from' : ''} ${printExpr(st.value)}${at}`);
        break;
      case 'try':
        out.push(`${pad}try:${at}`);
        printBlock(st.body, depth + 1, out);
        for (const h of st.handlers) {
          out.push(`${pad}except ${h.classes.join(', ')}${h.name ? ` as ${h.name}` : ''}:`);
          printBlock(h.body, depth + 1, out);
        }
        if (st.orelse.length) {
          out.push(`${pad}else:`);
          printBlock(st.orelse, depth + 1, out);
        }
        if (st.finalbody.length) {
          out.push(`${pad}finally:`);
          printBlock(st.finalbody, depth + 1, out);
        }
        break;
      case 'if':
        out.push(`${pad}if ${printExpr(st.test)}:${at}`);
        printBlock(st.body, depth + 1, out);
        if (st.orelse.length) {
          out.push(`${pad}else:`);
          printBlock(st.orelse, depth + 1, out);
        }
        break;
      case 'while':
        out.push(`${pad}while ${printExpr(st.test)}:${at}`);
        printBlock(st.body, depth + 1, out);
        if (st.orelse.length) {
          out.push(`${pad}else:`);
          printBlock(st.orelse, depth + 1, out);
        }
        break;
      case 'for':
        out.push(`${pad}for ${printTarget(st.target)} in ${printExpr(st.iter)}:${at}`);
        printBlock(st.body, depth + 1, out);
        if (st.orelse.length) {
          out.push(`${pad}else:`);
          printBlock(st.orelse, depth + 1, out);
        }
        break;
    }
  }
}

function printTarget(t: IrTarget): string {
  switch (t.kind) {
    case 'name':
      return t.name;
    case 'global':
      return `global ${t.name}`;
    case 'tuple':
      return `(${t.items.map(printTarget).join(', ')})`;
    case 'index':
      return `${printExpr(t.object)}[${printExpr(t.index)}]`;
    case 'attr':
      return `${printExpr(t.object)}.${t.attr}`;
  }
}

export function printConst(v: ConstValue): string {
  switch (v.kind) {
    case 'int':
      return String(v.value);
    case 'float':
      return Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value);
    case 'str':
      return JSON.stringify(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return `[${v.items.map(printConst).join(', ')}]`;
    case 'tuple':
      return `(${v.items.map(printConst).join(', ')}${v.items.length === 1 ? ',' : ''})`;
    case 'set':
      return `{${v.items.map(printConst).join(', ')}}`;
    case 'dict':
      return `{${v.keys.map((k, i) => `${printConst(k)}: ${printConst(v.values[i]!)}`).join(', ')}}`;
    case 'regex':
      return `re.compile(${JSON.stringify(v.pattern)}, ${v.flags})`;
    case 'enum':
      return `${v.name}.${v.member}`;
    case 'struct':
      return `${v.name}(${v.fields.map((f) => `${f.name}=${printConst(f.value)}`).join(', ')})`;
  }
}

function typed(e: IrExpr, s: string): string {
  return e.type ? `${s}: ${typeToString(e.type)}` : s;
}

export function printExpr(e: IrExpr): string {
  switch (e.kind) {
    case 'const':
      return typed(e, printConst(e.value));
    case 'local':
      return typed(e, e.name);
    case 'global':
      return typed(e, `global ${e.name}`);
    case 'op': {
      const args = [...e.args.map(printExpr), ...[...e.kwargs].map(([k, v]) => `${k}=${printExpr(v)}`)];
      const name = e.resolution ? `${e.resolution.entry}[${e.resolution.overload}]` : e.op;
      return typed(e, `(${name} ${args.join(', ')})`.replace(/ \)$/, ')'));
    }
    case 'call':
      return typed(
        e,
        `(call ${e.instance ?? e.fn} ${[...e.args.map(printExpr), ...[...e.kwargs].map(([k, v]) => `${k}=${printExpr(v)}`)].join(', ')})`,
      );
    case 'list':
      return typed(e, `[${e.items.map(printExpr).join(', ')}]`);
    case 'tuple':
      return typed(e, `(${e.items.map(printExpr).join(', ')}${e.items.length === 1 ? ',' : ''})`);
    case 'set':
      return typed(e, `{${e.items.map(printExpr).join(', ')}}`);
    case 'dict':
      return typed(e, `{${e.keys.map((k, i) => `${printExpr(k)}: ${printExpr(e.values[i]!)}`).join(', ')}}`);
    case 'comp': {
      const gens = e.generators
        .map(
          (g) =>
            `for ${printTarget(g.target)} in ${printExpr(g.iter)}${g.conds.map((c) => ` if ${printExpr(c)}`).join('')}`,
        )
        .join(' ');
      const el = e.value ? `${printExpr(e.element)}: ${printExpr(e.value)}` : printExpr(e.element);
      return typed(e, `(${e.comp}-comp ${el} ${gens})`);
    }
    case 'ifexp':
      return typed(e, `(${printExpr(e.then)} if ${printExpr(e.test)} else ${printExpr(e.else)})`);
    case 'and':
    case 'or':
      return typed(e, `(${e.kind} ${printExpr(e.left)}, ${printExpr(e.right)})`);
    case 'compare': {
      const parts = [printExpr(e.operands[0]!)];
      e.ops.forEach((op, i) =>
        parts.push(
          `${e.resolutions?.[i] ? `${op}[${e.resolutions[i]!.overload}]` : op} ${printExpr(e.operands[i + 1]!)}`,
        ),
      );
      return typed(e, `(compare ${parts.join(' ')})`);
    }
    case 'fstring':
      return typed(e, `(f-string ${e.pieces.map(printPiece).join(' ')})`);
    case 'slice':
      return `(slice ${[e.lower, e.upper, e.step].map((x) => (x ? printExpr(x) : '_')).join(' ')})`;
    case 'member':
      return typed(e, `${e.enumName}.${e.member}`);
    case 'new':
      return typed(
        e,
        `(new ${e.struct} ${[...e.args.map(printExpr), ...[...e.kwargs].map(([k, v]) => `${k}=${printExpr(v)}`)].join(', ')})`,
      );
    case 'assignexpr':
      return typed(e, `(${e.name} := ${printExpr(e.value)})`);
    case 'lambda':
      return typed(e, `(function ${e.fn}${e.captures.length ? ` capturing ${e.captures.join(', ')}` : ''})`);
  }
}

function printPiece(p: FStringPiece): string {
  if (p.text !== undefined) return JSON.stringify(p.text);
  const spec = p.specPieces ? `:${p.specPieces.map(printPiece).join(' ')}` : p.spec ? `:${p.spec}` : '';
  return `{${printExpr(p.expr!)}${p.conversion ? `!${p.conversion}` : ''}${spec}}`;
}
