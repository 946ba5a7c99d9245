// A field check says what it reads in words (issue 19, item 12): the learner sees "the pod
// selector's label name", not `{.spec.podSelector.matchLabels.name}`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldPhrase, fieldSubject } from '../../server/grader/field-words.js';

test('plain JSONPaths read as words', () => {
  assert.equal(fieldPhrase('{.spec.podSelector.matchLabels.name}'), "the pod selector's label name");
  assert.equal(fieldPhrase('{.spec.policyTypes}'), 'the policy types');
  assert.equal(fieldPhrase('{.spec.egress[0].ports[1].port}'), "the first egress rule's second port's port");
  assert.equal(fieldPhrase('{.spec.replicas}'), 'the replicas');
  assert.equal(fieldPhrase('{.spec.template.spec.containers[0].image}'), "the first container's image");
  assert.equal(fieldPhrase('{.metadata.labels.app}'), 'the label app');
  assert.equal(fieldPhrase('{.spec.ingress[0].from[0].ipBlock.cidr}'), "the first ingress rule's first from's IP block's cidr");
});

test('anything beyond fields and indexes stays as written, never guessed', () => {
  assert.equal(fieldPhrase('{.items[*].metadata.name}'), undefined);
  assert.equal(fieldPhrase('{.spec.containers[?(@.name=="web")].image}'), undefined);
  assert.equal(fieldSubject('{range .items[*]}{.metadata.name}{end}'), '{range .items[*]}{.metadata.name}{end}');
});
