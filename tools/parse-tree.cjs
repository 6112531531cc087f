const { Parser, Language } = require('web-tree-sitter');
(async () => {
  await Parser.init();
  const lang = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const p = new Parser();
  p.setLanguage(lang);
  const src = process.argv[2];
  const t = p.parse(src);
  const walk = (n, d) => {
    console.log(
      ' '.repeat(d * 2) +
        n.type +
        (n.isNamed ? '' : '(anon)') +
        ' [' +
        n.startPosition.row +
        ':' +
        n.startPosition.column +
        '-' +
        n.endPosition.column +
        '] ' +
        JSON.stringify(n.childCount ? '' : n.text),
    );
    for (const c of n.children) walk(c, d + 1);
  };
  walk(t.rootNode, 0);
})();
