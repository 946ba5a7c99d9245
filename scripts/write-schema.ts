// Writes scenarios/schema.json from server/scenarios/schema.ts (test/scenarios/schema.test.ts keeps them in step).
import { writeFileSync } from 'node:fs';
import { SCENARIO_SCHEMA } from '../server/scenarios/index.js';

writeFileSync(new URL('../scenarios/schema.json', import.meta.url), `${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`);
