import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { AppConfig } from '../config.js';
import { boundedConnectorOptions, type ChannelHealth } from './channelDelivery.js';

/**
 * The CloudAdapter. With MicrosoftAppId and MicrosoftAppPassword, channel auth is on; without
 * them the adapter accepts anonymous requests, which is why /api/messages then checks serviceUrl.
 * Replies to channels go through a bounded HTTP client (see channelDelivery.ts).
 */
export function createAdapter(config: AppConfig, health: ChannelHealth): CloudAdapter {
  const connectorOptions = boundedConnectorOptions(health);
  if (!config.channelAuth)
    return new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, connectorOptions),
    );
  const credentials = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      credentials,
      new ConfigurationServiceClientCredentialFactory(credentials),
      undefined,
      undefined,
      connectorOptions,
    ),
  );
}
