import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Limits writes per client (by socket address, or the trusted proxy's X-Forwarded-For); reads pass. */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ method: string }>();
    return request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
  }
}
