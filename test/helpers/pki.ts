// The cluster PKI for tests: made once per machine (as an installation makes it once) and reused.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installationPki } from '../../server/cli/pki.js';

let pki: ReturnType<typeof installationPki> | undefined;
export const testPki = () => (pki ??= installationPki(join(tmpdir(), 'ckalab-test-pki')));
