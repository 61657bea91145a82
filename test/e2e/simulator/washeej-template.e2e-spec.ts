import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, api, DEMO, type Api } from './washeej.e2e-helpers.js';

const DEVICE = '966598765432';
const newCustomer = { mobile_code: '966', mobile: '500000000' };

describe('Washeej simulator: send-template-message', () => {
  let sim: StartedSimulator;
  let demo: Api;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    demo = api(sim, DEMO.washeej);
  });
  beforeEach(() => admin(sim, 'POST', `/reset?account=${DEMO.washeej.id}`));
  afterAll(() => sim.close());

  it('sends an approved template to a new contact from the default Cloud number (remark template_sent)', async () => {
    const reply = await demo.post('/inbox/send-template-message', {
      ...newCustomer,
      template_id: 1,
      body_variables: ['John', 'Order #456'],
    });
    expect(reply.body).toMatchObject({
      remark: 'template_sent',
      status: 'success',
      message: ['Template message sent successfully'],
      data: {
        conversation_id: 3,
        message: {
          type: 'template',
          template_id: 1,
          message: 'Hello John, your order Order #456 has been confirmed.',
          from_number: '966512345678',
          to_number: '966500000000',
          status: 1,
        },
      },
    });
    // A template does not open the 24 h window: only the customer's reply does.
    const freeForm = await demo.post('/inbox/send-message', { ...newCustomer, message: 'and now?' });
    expect(freeForm.body.remark).toBe('window_closed');
  });

  it.each([
    ['form (body_variables[0]=..)', 'form' as const, ['Ann', '#1']],
    ['multipart (body_variables[0]=..)', 'multipart' as const, ['Ann', '#1']],
    ['multipart with a JSON-encoded string (the doc sample)', 'multipart' as const, '["Ann", "#1"]'],
    ['JSON with a JSON-encoded string', 'json' as const, '["Ann", "#1"]'],
  ])('accepts body_variables as %s', async (_label, kind, variables) => {
    const reply = await demo.post(
      '/inbox/send-template-message',
      { ...newCustomer, template_id: '1', from_number: '966512345678', body_variables: variables },
      kind,
    );
    expect(reply.body.remark).toBe('template_sent');
    expect((reply.body.data?.message as Record<string, unknown>).message).toBe(
      'Hello Ann, your order #1 has been confirmed.',
    );
  });

  it('fills header variables too', async () => {
    const reply = await demo.post('/inbox/send-template-message', {
      ...newCustomer,
      template_id: 5,
      body_variables: ['Ann', 'Monday'],
      header_variables: ['#77'],
    });
    expect(reply.body.remark).toBe('template_sent');
    expect((reply.body.data?.message as Record<string, unknown>).message).toBe(
      'Hi Ann, your package is on its way and arrives on Monday.',
    );
  });

  it.each([2, 3, 4, 99])(
    'refuses template %s (pending, rejected, disabled or unknown) with not_found',
    async (id) => {
      const reply = await demo.post('/inbox/send-template-message', {
        ...newCustomer,
        template_id: id,
        body_variables: ['a', 'b'],
      });
      expect(reply.body).toEqual({
        remark: 'not_found',
        status: 'error',
        message: ['The template is not found or not approved'],
      });
    },
  );

  it('refuses templates from a Device number (not_cloud_sender)', async () => {
    const reply = await demo.post('/inbox/send-template-message', {
      ...newCustomer,
      template_id: 1,
      from_number: DEVICE,
    });
    expect(reply.body).toEqual({
      remark: 'not_cloud_sender',
      status: 'error',
      message: ['Templates are only supported on Cloud API accounts, not Device/QR accounts.'],
    });
  });

  it('answers validation_error for the Wutt sample typo testmplate_id, bad variables and wrong counts', async () => {
    const typo = await demo.post(
      '/inbox/send-template-message',
      { mobile_code: '880', mobile: '1711000000', testmplate_id: '1' },
      'form',
    );
    expect(typo.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The template id field is required.'],
    });
    const types = await demo.post('/inbox/send-template-message', {
      ...newCustomer,
      template_id: 'first',
      body_variables: 'John',
      header_variables: [{ x: 1 }],
    });
    expect(types.body.message).toEqual([
      'The template id must be an integer.',
      'The body variables must be an array.',
      'The header variables.0 must be a string.',
    ]);
    const count = await demo.post('/inbox/send-template-message', {
      ...newCustomer,
      template_id: 5,
      body_variables: ['only one'],
    });
    expect(count.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The body variables must contain 2 items.', 'The header variables must contain 1 items.'],
    });
  });

  it('works the same on the Wutt mount with its own demo account', async () => {
    const wutt = api(sim, DEMO.wutt, 'wutt');
    const reply = await wutt.post(
      '/inbox/send-template-message',
      { ...newCustomer, template_id: 1, body_variables: ['A', 'B'] },
      'multipart',
    );
    expect(reply.body).toMatchObject({ remark: 'template_sent', data: { conversation_id: 3 } });
    const washeejList = (await demo.get('/contact/list')).body.data?.contacts as { total: number };
    expect(washeejList.total).toBe(4);
  });
});
