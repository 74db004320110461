import { IsEmpty, IsOptional } from 'class-validator';

/**
 * The body of a command that takes no fields (`{}` or none): validated like every write's, so a field sent
 * anyway is a 400 naming it rather than silently ignored.
 */
export class NoFieldsDto {
  /**
   * Never sent. class-validator answers a class it holds no rules for with «unknown value» for the whole body
   * instead of naming the extra field; this one rule gives it some.
   */
  @IsOptional()
  @IsEmpty()
  readonly none?: undefined;
}
