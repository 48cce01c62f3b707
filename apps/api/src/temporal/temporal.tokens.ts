/** Injection tokens of the infrastructure clients (explicit: no decorator metadata at runtime). */
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const KAFKA_ADMIN = Symbol('KafkaTopicAdmin');
