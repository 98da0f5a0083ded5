import * as path from 'node:path';
import { synthTemplate } from '../support/synth';

// The asset metadata names where each skipped bundle would come from: this clone's folder.
const projectRoot = path.join(__dirname, '..', '..');

// A refactoring net, not the spec: the fine-grained assertions say what matters and why.
test('the synthesized template matches the snapshot (asset hashes and the clone’s folder masked)', () => {
  const json = JSON.stringify(synthTemplate().toJSON(), null, 1)
    .replace(/[0-9a-f]{64}(\.zip)?/g, '<asset-hash>$1')
    .replaceAll(`"${projectRoot}"`, '"<project-root>"');
  expect(JSON.parse(json)).toMatchSnapshot();
});
