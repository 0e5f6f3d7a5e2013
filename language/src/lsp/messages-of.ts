/** The message language of the rules-language services behind a set of shared services. */
import type { LangiumSharedServices } from 'langium/lsp';
import type { CorrectionsMessages } from '../corrections-messages.js';
import type { CorrectionsServices } from '../corrections-module.js';

export function messagesOf(shared: LangiumSharedServices): CorrectionsMessages {
  const services = shared.ServiceRegistry.all.find(
    (candidate) => (candidate as Partial<CorrectionsServices>).i18n?.Messages !== undefined,
  ) as CorrectionsServices | undefined;
  if (!services) throw new Error('the rules-language services are not registered with these shared services');
  return services.i18n.Messages;
}
