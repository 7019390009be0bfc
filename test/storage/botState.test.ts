import { botStateSuite } from './botStateSuite.js';
import { sqliteFactory } from './databaseFactories.js';

botStateSuite(sqliteFactory);
