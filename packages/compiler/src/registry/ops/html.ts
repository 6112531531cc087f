/**
 * The `html` module: `escape` and `unescape`. Input: argument types from infer; output: op
 * choices spelled as calls of the runtime's `rt::html`, whose unescape reads the HTML5 entity
 * table generated from CPython (`tools/text/gen_html_entities.py`).
 */
import { defineOp, T } from '../registry';
import { paramsCall } from './callParams';

const IMPORTS = ['import html'];

defineOp({
  id: 'html.escape',
  summary: 'html.escape(s, quote=True): `&`, `<`, `>` (and with quote `"` and `\'`) as character references',
  ...paramsCall(
    'html.escape',
    [
      { name: 's', kind: 'str' },
      { name: 'quote', kind: 'bool', dflt: 'true' },
    ],
    T.str,
    (a) => `rt::html::escape(${a.s}, ${a.quote})`,
  ),
  tests: [
    {
      params: { s: 'str' },
      expr: '[html.escape(s), html.escape(s, quote=False), html.escape(s, False)]',
      samples: [['<a href="x?a=1&b=2">O\'Reilly</a>'], [''], ['plain é']],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'html.unescape',
  summary:
    "html.unescape(s): named (the full HTML5 table, some without `;`) and numeric character references, with HTML5's replacements",
  ...paramsCall('html.unescape', [{ name: 's', kind: 'str' }], T.str, (a) => `rt::html::unescape(${a.s})`),
  tests: [
    {
      params: { s: 'str' },
      expr: 'html.unescape(s)',
      samples: [
        ['&lt;p&gt;Caf&eacute; &amp; cr&egrave;me&lt;/p&gt;'],
        ['&notit; &notin; &amp &AMP; &ampx &#39; &#x27; &#X41;&#65'],
        ['&#0; &#13; &#128; &#x9F; &#xD800; &#1114112; &#99999999999999999999; &#1; &#xFFFF; &#x10FFFE;'],
        ['&#x; &#; &; & ; &&amp; &zzz; &abcdefghijklmnopqrstuvwxyzabcdefghij;'],
        ['&NotNestedGreaterGreater; &acE; &fjlig; &bne; &Ǆ; &eacuté'],
        ['no references'],
      ],
      imports: IMPORTS,
    },
  ],
});
