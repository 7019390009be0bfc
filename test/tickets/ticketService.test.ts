import { sqliteFactory } from '../storage/databaseFactories.js';
import { ticketSuite } from './ticketSuite.js';

ticketSuite(sqliteFactory);
