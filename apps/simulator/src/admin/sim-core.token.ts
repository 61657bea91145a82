export const SIM_CORE = Symbol('SIM_CORE');
