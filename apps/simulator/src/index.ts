export { startSimulator, createSimulatorApp, type StartedSimulator } from './app.js';
export { SimCore } from './core/sim-core.js';
