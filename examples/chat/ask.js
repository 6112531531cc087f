// The main job's second half: stream a short answer from SmolLM2-135M-Instruct, compiled by Ingot from
// examples/chat/chat.py, through the package's OpenAI-style client, in process (no server).
// Build it with `npm run main` (see the README).
const { Client } = require('../../dist/chat/node');

const question = 'Name three colours of the rainbow.';

async function main() {
  const client = new Client();
  const stream = await client.chat.completions.create({
    model: 'chat',
    messages: [{ role: 'user', content: question }],
    max_tokens: 48,
    stream: true,
    stream_options: { include_usage: true },
  });
  process.stdout.write(`user: ${question}\nassistant: `);
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    const piece = chunk.choices[0]?.delta?.content ?? '';
    text += piece;
    process.stdout.write(piece);
    if (chunk.usage) usage = chunk.usage;
  }
  process.stdout.write('\n');
  if (usage) console.log(`(${usage.prompt_tokens} prompt tokens, ${usage.completion_tokens} completion tokens)`);
  if (text.trim().length === 0) throw new Error('expected a non-empty answer');
}

main().catch((err) => {
  console.error(`error: ${err.message}`);
  process.exitCode = 1;
});
