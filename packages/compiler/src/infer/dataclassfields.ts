/**
 * Introspection of dataclasses, for infer: `dataclasses.fields(x)` and `dataclasses.is_dataclass(x)` of an instance
 * (a struct) or of a class held as a value (a `callable` whose function `IrModule.classValues` names a class). The
 * answer is known from the class: `fields()` is the tuple of its fields in declaration order (base classes' first),
 * each a named tuple whose `name` is the field's name (`{f.name for f in fields(Config)}`); `is_dataclass` is true
 * for a `@dataclass` class and its instances and false for anything else; `x.__dataclass_fields__` is the dict of the
 * same fields by name (a pydantic model, a NamedTuple, a plain
 * class, an int). A `Field`'s `type` and `default` are not modelled: reading them is E0307 on the tuple.
 */
import type { OpChoice } from '../ir/choice';
import type { IrStruct } from '../ir/ir';
import { isComplete, T, type Type, typeToString } from '../types/types';

/** What one element of `fields()` is: a named tuple of the field's name. */
export const FIELD_TYPE: Type = T.namedTuple([T.str], ['name']);

/** The choice for `fields(x)` / `is_dataclass(x)`, or undefined when the op is another or the type is open. */
export function dataclassIntrospection(
  op: string,
  arg: Type | undefined,
  structs: ReadonlyMap<string, IrStruct>,
  classValues: ReadonlyMap<string, string> | undefined,
): OpChoice | { error: string } | undefined {
  if (op !== 'dataclasses.fields' && op !== 'dataclasses.is_dataclass' && op !== 'attr.__dataclass_fields__')
    return undefined;
  if (!arg || arg.kind === 'unknown') return undefined;
  const cls = arg.kind === 'struct' ? arg.name : arg.kind === 'callable' ? classValues?.get(arg.fn) : undefined;
  const st = cls !== undefined ? structs.get(cls) : undefined;
  const isDataclass = st?.dataclass === true && !st.namedTuple && !st.typedDict;
  if (op === 'dataclasses.is_dataclass')
    return {
      entry: 'dataclasses.is_dataclass',
      overload: typeToString(arg),
      result: T.bool,
      params: [arg],
      variant: isDataclass ? 'true' : 'false',
    };
  if (!isDataclass)
    return {
      error: `fields() of ${typeToString(arg)}, which is not a dataclass or an instance of one (CPython raises TypeError)`,
    };
  // `Cls.__dataclass_fields__`: the dict of the same fields by name.
  if (op === 'attr.__dataclass_fields__')
    return {
      entry: 'dataclasses.fields',
      overload: `${cls!}.__dataclass_fields__`,
      result: T.dict(T.str, FIELD_TYPE),
      params: [arg],
      variant: 'dict',
      detail: { names: st.fields.map((f) => f.name) },
    };
  return {
    entry: 'dataclasses.fields',
    overload: cls!,
    result: T.vartuple(FIELD_TYPE),
    params: [arg],
    variant: 'names',
    detail: { names: st.fields.map((f) => f.name) },
  };
}

/**
 * `getattr(obj, name)` / `getattr(obj, name, default)` of a class instance with a name only the run knows
 * (`getattr(cfg, f.name)` over `fields(cfg)`): the field of that name as a dynamic value (`rt::Value`), chosen by a
 * `match` over the struct's fields, else the default or CPython's AttributeError. A class with a field set late (unset
 * until a method runs) is declined, since its unset field would read as None where CPython raises.
 */
export function dynamicGetattr(
  op: string,
  args: Type[],
  structs: ReadonlyMap<string, IrStruct>,
  ident: (name: string) => string,
): OpChoice | { error: string } | undefined {
  if (op !== 'builtins.getattr' || (args.length !== 2 && args.length !== 3)) return undefined;
  const [obj, name] = args;
  if (obj?.kind !== 'struct' || name?.kind !== 'str') return undefined;
  const st = structs.get(obj.name);
  if (!st) return undefined;
  if (st.fields.some((f) => f.late || !isComplete(f.type)))
    return { error: `getattr() of \`${st.name}\` by a computed name, whose fields are not all set by its constructor` };
  return {
    entry: 'builtins.getattr',
    overload: `${st.name}, str${args.length === 3 ? `, ${typeToString(args[2]!)}` : ''}`,
    result: T.dynamic,
    params: args,
    variant: 'fields',
    detail: {
      names: st.fields.map((f) => f.name),
      idents: st.fields.map((f) => ident(f.name)),
      cls: st.name,
      withDefault: args.length === 3,
    },
  };
}
