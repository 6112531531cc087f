/**
 * `dataclasses.fields` and `dataclasses.is_dataclass`. infer decides both from the class (`infer/dataclassfields.ts`:
 * an instance's struct or a class held as a value); the type rules here answer for every other argument:
 * `is_dataclass` of a builtin value is False, `fields` of one is CPython's TypeError as a diagnostic.
 */
import { defineOp, defineSpellings, T, type ResolveResult } from '../registry';
import { typeToString } from '../../types/types';

defineOp({
  id: 'dataclasses.is_dataclass',
  summary: 'is_dataclass(x): True for a dataclass or an instance of one, False for any other value',
  resolve: (args): ResolveResult => {
    if (args.length !== 1) return { error: 'is_dataclass() takes one argument' };
    return {
      entry: 'dataclasses.is_dataclass',
      overload: typeToString(args[0]!),
      result: T.bool,
      params: args,
      variant: 'false',
    };
  },
  tests: [
    {
      params: { n: 'int', s: 'str', xs: 'list[int]' },
      expr: '(dataclasses.is_dataclass(n), dataclasses.is_dataclass(s), dataclasses.is_dataclass(xs))',
      samples: [[3, 'a', [1]]],
      imports: ['import dataclasses'],
    },
  ],
});

defineOp({
  id: 'dataclasses.fields',
  summary: 'fields(cls_or_instance) of a dataclass: its fields in order, each with `.name`',
  resolve: (args): ResolveResult => ({
    error: `fields() of ${args[0] ? typeToString(args[0]) : 'nothing'}: it takes a dataclass or an instance of one`,
  }),
  // Decided by infer from the class (a dataclass is not expressible in a reference snippet): tests/corpus covers it.
  tests: [],
  testedBy: 'tests/corpus/dataclass_fields.py',
});

defineSpellings({
  'dataclasses.is_dataclass': {
    true: () => '{ let _ = {&0}; true }',
    false: () => '{ let _ = {&0}; false }',
  },
  'dataclasses.fields': {
    dict: (c) =>
      `{ let _ = {&0}; rt::dict::from_pairs([${(c.detail!.names as string[]).map((n) => `(${JSON.stringify(n)}.to_string(), (${JSON.stringify(n)}.to_string(),))`).join(', ')}]) }`,
    names: (c) =>
      `{ let _ = {&0}; <rt::VarTuple<(String,)> as std::iter::FromIterator<(String,)>>::from_iter([${(c.detail!.names as string[]).map((n) => `(${JSON.stringify(n)}.to_string(),)`).join(', ')}]) }`,
  },
});

// A `Field`'s name: item 0 of the named tuple `fields()` gives (`infer/dataclassfields.ts`).
defineOp({
  id: 'tuple.name',
  summary: "f.name of a dataclass's field (an item of `dataclasses.fields(...)`)",
  resolve: (args) => {
    const t = args[0];
    if (t?.kind !== 'tuple' || t.names?.[0] !== 'name')
      return { error: `'${t ? typeToString(t) : 'tuple'}' object has no attribute 'name'` };
    return { entry: 'tuple.name', overload: '', result: t.items[0]!, params: args, variant: 'field' };
  },
  // Only `fields()` makes such a tuple, from a dataclass, which a reference snippet cannot declare: tests/corpus.
  tests: [],
  testedBy: 'tests/corpus/dataclass_fields.py',
});

defineSpellings({ 'tuple.name': { field: () => '({0}).0' } });

// `getattr(obj, name)` of a class instance by a computed name: infer's `dynamicGetattr` decides it from the struct.
defineOp({
  id: 'builtins.getattr',
  summary: 'getattr(obj, name[, default]) of a class instance with a computed name: the field as a dynamic value',
  resolve: (args): ResolveResult => ({
    error: `getattr() of ${args[0] ? typeToString(args[0]) : 'nothing'} by a computed name is not supported; read the attribute directly`,
  }),
  // Decided by infer from a class of the module, which a reference snippet cannot declare: tests/corpus.
  tests: [],
  testedBy: 'tests/corpus/dataclass_fields.py',
});

defineSpellings({
  'builtins.getattr': {
    fields: (c) => {
      const names = c.detail!.names as string[];
      const idents = c.detail!.idents as string[];
      const arms = names.map((n, i) => `${JSON.stringify(n)} => rt::IntoValue::into_value(__o.${idents[i]!}.clone()),`);
      const other = c.detail!.withDefault
        ? '_ => rt::IntoValue::into_value({2}),'
        : `__n => Err::<rt::Value, _>(rt::PyErr::new(rt::ErrKind::AttributeError, format!(${JSON.stringify(`'${String(c.detail!.cls)}' object has no attribute '{}'`)}, __n)))?,`;
      return `{ let __o = {&0}; match ({&1}).as_str() { ${arms.join(' ')} ${other} } }`;
    },
  },
});
