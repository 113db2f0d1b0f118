import nodemailer from 'nodemailer';
import type { NotifierConfig } from './config.js';

export interface Email {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends mail through the SMTP relay (Mailpit locally). Connections are pooled: one handshake per burst. */
export class EmailSender {
  private readonly transport;

  constructor(config: NotifierConfig['smtp']) {
    this.transport = nodemailer.createTransport({ host: config.host, port: config.port, pool: true, maxConnections: 3, secure: config.port === 465 });
    this.from = config.from;
  }

  private readonly from: string;

  async send(email: Email): Promise<string> {
    const info = await this.transport.sendMail({ from: this.from, ...email });
    return info.messageId;
  }
}
