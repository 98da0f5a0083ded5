const fs = require('node:fs');
const { default: Sequencer } = require('@jest/test-sequencer');

/** A test file that imports test/support/synth reads the stack from the run's synth process. */
const readsTheStack = (test) => /from '(\.\.\/)+support\/synth'/.test(fs.readFileSync(test.path, 'utf8'));

/**
 * jest's order (failed first, then slowest first, else largest first), except that the test files
 * that read the stack come after the others: the synth process (test/support/stack-synth.ts)
 * works meanwhile. It is started only when such a file is in the run (test/support/global-setup.ts,
 * which jest calls after this), so `npx jest test/lambda` synthesizes nothing.
 */
class StackLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const readers = sorted.filter(readsTheStack);
    if (readers.length > 0) process.env.TEST_STACK_SYNTH = 'needed';
    return [...sorted.filter((test) => !readers.includes(test)), ...readers];
  }
}

module.exports = StackLastSequencer;
