// The spine's main job: call the compiled `fma` from plain Node through the generated package.
// Build it first with `npx nx run fma:bindings --lang node` (the README's first command does).
const { fma } = require('../../dist/fma/node');

console.log(`fma(3, -1, 2) = ${fma(3, -1, 2)}`);
console.log(`fma(1.5, 2, 0.25) = ${fma(1.5, 2, 0.25)}`);
try {
  fma('3', -1, 2);
} catch (err) {
  console.log(`fma('3', -1, 2) throws ${err.constructor.name}: ${err.message}`);
}
