import type { Logger } from '@harbor/shared-logger';

/** SMS through Twilio in production; `console` writes them to the log so local runs cost nothing. */
export class SmsSender {
  constructor(
    private readonly provider: 'twilio' | 'console',
    private readonly logger: Logger,
  ) {}

  async send(phone: string, body: string): Promise<void> {
    if (this.provider === 'console') {
      this.logger.info('sms (console provider)', { phoneSuffix: phone.slice(-4), body });
      return;
    }
    const account = process.env.TWILIO_ACCOUNT_SID;
    const response = await fetch(`https://api.twilio.com/2010-04-01/Accounts/${account}/Messages.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${account}:${process.env.TWILIO_AUTH_TOKEN}`).toString('base64')}` },
      body: new URLSearchParams({ To: phone, From: process.env.TWILIO_FROM ?? '', Body: body }),
    });
    if (!response.ok) throw new Error(`sms provider answered ${response.status}`);
  }
}
