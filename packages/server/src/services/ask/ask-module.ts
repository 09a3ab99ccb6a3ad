import type { Db } from '../../adapters/db/database.ts';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../logger.ts';
import { ConversationRepository } from '../../repositories/conversation.repository.ts';
import type { DatasetModule } from '../datasets/dataset-module.ts';
import type { ProjectService } from '../project.service.ts';
import { AskService } from './ask.service.ts';

/** Versions whose NLQ profile stays in memory (each is small: top values and ranges). */
const PROFILE_CACHE_SIZE = 200;

/** Wire "Ask your data" over the dataset module's access checks, files and engine. */
export function createAskService(d: {
  config: Config;
  db: Db;
  data: DatasetModule;
  projects: ProjectService;
  logger: Logger;
}): AskService {
  const { config } = d;
  return new AskService({
    access: d.data.access,
    projects: d.projects,
    files: d.data.files,
    queries: d.data.queries,
    conversations: new ConversationRepository(d.db),
    logger: d.logger,
    llm: config.UAM_LLM_URL
      ? {
          url: config.UAM_LLM_URL,
          model: config.UAM_LLM_MODEL,
          apiKey: config.UAM_LLM_API_KEY,
          timeoutMs: config.UAM_LLM_TIMEOUT_MS,
        }
      : null,
    rowCap: config.UAM_ASK_ROW_CAP,
    queryTimeoutMs: config.UAM_QUERY_TIMEOUT_MS,
    profileCacheSize: PROFILE_CACHE_SIZE,
  });
}
