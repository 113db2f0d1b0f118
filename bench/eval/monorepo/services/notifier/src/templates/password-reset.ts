/**
 * Password reset e-mail. The link carries a single-use token that expires after 30 minutes; we never
 * say whether the address has an account (the same e-mail text is used either way).
 */
export function renderPasswordReset(input: { resetUrl: string }): { subject: string; html: string; text: string } {
  return {
    subject: 'Reset your Harbor password',
    text: `Someone asked to reset the password for this address. If it was you, open ${input.resetUrl} within 30 minutes. Otherwise ignore this e-mail.\n`,
    html: `<p>Someone asked to reset the password for this address.</p><p>If it was you, <a href="${input.resetUrl}">choose a new password</a> within 30 minutes. Otherwise ignore this e-mail.</p>`,
  };
}
