import { Module } from '@nestjs/common';
import { ContactsController } from './contacts/contacts.controller.js';
import { ContactsResolver } from './contacts/contacts.resolver.js';
import { ContactsService } from './contacts/contacts.service.js';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationsResolver } from './conversations/conversations.resolver.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { InstancesController } from './instances/instances.controller.js';
import { InstancesResolver } from './instances/instances.resolver.js';
import { InstancesService } from './instances/instances.service.js';
import { ProviderMessagesController } from './provider-messages/provider-messages.controller.js';
import { ProviderMessagesResolver } from './provider-messages/provider-messages.resolver.js';
import { ProviderMessagesService } from './provider-messages/provider-messages.service.js';
import { TemplatesController } from './templates/templates.controller.js';
import { TemplatesResolver } from './templates/templates.resolver.js';
import { TemplatesService } from './templates/templates.service.js';
import { WebhookSettingsController } from './webhook-settings/webhook-settings.controller.js';
import { WebhookSettingsResolver } from './webhook-settings/webhook-settings.resolver.js';
import { WebhookSettingsService } from './webhook-settings/webhook-settings.service.js';

/**
 * What each provider can do beyond sending, reached through the connection's adapter: contacts, templates,
 * conversations, instances and workspaces, WaMessenger's webhook settings, and the provider's own message list.
 * Nothing is stored: every call goes to the provider. A capability the provider lacks is UNSUPPORTED_CAPABILITY.
 */
@Module({
  controllers: [
    ContactsController,
    TemplatesController,
    ConversationsController,
    InstancesController,
    WebhookSettingsController,
    ProviderMessagesController,
  ],
  providers: [
    ContactsService,
    ContactsResolver,
    TemplatesService,
    TemplatesResolver,
    ConversationsService,
    ConversationsResolver,
    InstancesService,
    InstancesResolver,
    WebhookSettingsService,
    WebhookSettingsResolver,
    ProviderMessagesService,
    ProviderMessagesResolver,
  ],
})
export class ResourcesModule {}
