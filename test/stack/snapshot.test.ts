import { synthTemplate } from '../support/synth';

// A refactoring net, not the spec: the fine-grained assertions say what matters and why.
test('the synthesized template matches the snapshot (asset hashes masked)', () => {
  const json = JSON.stringify(synthTemplate().toJSON(), null, 1).replace(/[0-9a-f]{64}(\.zip)?/g, '<asset-hash>$1');
  expect(JSON.parse(json)).toMatchSnapshot();
});
