import { sqliteFactory } from './databaseFactories.js';
import { migrationsSuite } from './migrationsSuite.js';

migrationsSuite(sqliteFactory);
