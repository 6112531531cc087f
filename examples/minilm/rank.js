// The main job: rank documents against a query with all-MiniLM-L6-v2 compiled by Ingot,
// through the package's OpenAI-style client. Build it with `npm run main` (see the README).
const { Client } = require('../../dist/minilm/node');

const query = 'Which planet is known as the Red Planet?';
const documents = [
  'Venus is often called Earth\'s twin because of its similar size.',
  'Mars is called the Red Planet because of the iron oxide on its surface.',
  'Jupiter is the largest planet in the solar system.',
  'The Moon orbits the Earth roughly every 27 days.',
  'A red apple a day keeps the doctor away.',
];

async function main() {
  const client = new Client();
  const res = await client.embeddings.create({ model: 'minilm', input: [query, ...documents] });
  const [q, ...docs] = res.data.map((d) => d.embedding);
  const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
  const ranked = docs.map((e, i) => ({ score: dot(q, e), text: documents[i] })).sort((a, b) => b.score - a.score);
  console.log(`query: ${query}  (${res.usage.prompt_tokens} tokens, ${q.length} dimensions)`);
  for (const r of ranked) console.log(`  ${r.score.toFixed(4)}  ${r.text}`);
  if (!ranked[0].text.startsWith('Mars')) throw new Error('expected the Mars sentence first');
}

main().catch((err) => {
  console.error(`error: ${err.message}`);
  process.exitCode = 1;
});
