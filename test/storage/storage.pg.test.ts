import { botStateSuite } from './botStateSuite.js';
import { postgresFactory } from './databaseFactories.js';
import { migrationsSuite } from './migrationsSuite.js';

migrationsSuite(postgresFactory);
botStateSuite(postgresFactory);
