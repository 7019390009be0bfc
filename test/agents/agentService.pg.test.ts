import { postgresFactory } from '../storage/databaseFactories.js';
import { agentSuite } from './agentSuite.js';

agentSuite(postgresFactory);
