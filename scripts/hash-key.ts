// `npm run hash-key -- <name> <role> [key|-]`: the command lives in src/cli/hash-key.ts so that the
// production build (dist/cli/hash-key.js) has it too.
import '../src/cli/hash-key.js';
