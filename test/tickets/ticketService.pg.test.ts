import { postgresFactory } from '../storage/databaseFactories.js';
import { ticketSuite } from './ticketSuite.js';

ticketSuite(postgresFactory);
