/** The key every gateway of the bench seals connection credentials with (the multi-process run passes it on). */
export const BENCH_ENCRYPTION_KEY = 'YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMDE=';
