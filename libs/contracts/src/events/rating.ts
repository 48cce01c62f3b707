import { SatisfactionLevels } from '../reasons';
import { eventPayload } from './shared';

export const SatisfactionRatedSchema = eventPayload('SatisfactionRated', 'The applicant rated the service after the result was returned (ONE-STOP.md §8)', {
  level: SatisfactionLevels.schema,
});
