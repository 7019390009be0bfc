import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { AppConfig } from '../config.js';

/**
 * The CloudAdapter. With MicrosoftAppId and MicrosoftAppPassword, channel auth is on; without
 * them the adapter accepts anonymous requests, which is why /api/messages then checks serviceUrl.
 */
export function createAdapter(config: AppConfig): CloudAdapter {
  if (!config.channelAuth) return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const credentials = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(credentials, new ConfigurationServiceClientCredentialFactory(credentials)),
  );
}
