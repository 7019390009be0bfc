import { sqliteFactory } from '../storage/databaseFactories.js';
import { agentSuite } from './agentSuite.js';

agentSuite(sqliteFactory);
