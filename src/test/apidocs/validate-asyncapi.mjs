// Validates an AsyncAPI document with the AsyncAPI project's own parser (the one its CLI and Studio use), with its
// built-in rules: errors fail (exit 1), warnings and hints are printed. Usage: node validate-asyncapi.mjs <file>
import { Parser, fromFile } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-asyncapi.mjs <asyncapi document>');
  process.exit(2);
}
const { document, diagnostics } = await fromFile(new Parser(), file).parse();
for (const d of diagnostics) {
  console.log(`${SEVERITY[d.severity]} ${d.code} at /${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter(d => d.severity === 0).length;
const warnings = diagnostics.filter(d => d.severity === 1).length;
console.log(`${file}: AsyncAPI ${document ? document.version() : '?'}, ${errors} errors, ${warnings} warnings`);
process.exit(document && errors === 0 ? 0 : 1);
