// Suites bench/run.ts runs by default, in this order. Each name must be registered in the page
// (bench/page/suites/<name>.ts, imported by bench/page/main.ts).
export const suites: string[] = ['smoke', 'reset', 'reset-10x', 'roundtrip', 'key-verification', 'company-orders', 'lesson-check', 'lesson-navigation', 'first-visit', 'actionflow-trace', 'actionflow-save', 'designer'];
