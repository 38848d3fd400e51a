// The cdktn constructs the export is built of. The AWS provider's prebuilt bindings (@cdktn/provider-aws, ~476 MB)
// are not used for ten types: raw resources and data sources carry the arguments the mappings make, and cdktn
// gives the rest: references as tokens, depends_on, lifecycle, import blocks, required_providers, synthesis.
import { TerraformDataSource, TerraformProvider, TerraformResource } from 'cdktn';
import type { Construct } from 'constructs';
import type { TerraformValue } from './terraform-mapping.ts';

/** The provider's source and the one version the output pins: the schema check's fixture is of this version. */
export const AWS_PROVIDER = { source: 'hashicorp/aws', version: '5.100.0' } as const;

/** A resource or data source of `type` whose arguments are `values`. */
export function jsonElement(mode: 'resource' | 'data', scope: Construct, id: string, type: string,
  values: Record<string, TerraformValue>): TerraformResource | TerraformDataSource {
  const config = { terraformResourceType: type };
  const element = mode === 'data' ? new JsonDataSource(scope, id, config) : new JsonResource(scope, id, config);
  element.values = values;
  return element;
}

// Arguments as they are (the mappings write Terraform's names), where generated bindings would convert theirs.
class JsonResource extends TerraformResource {
  values: Record<string, TerraformValue> = {};
  protected override synthesizeAttributes(): Record<string, TerraformValue> { return this.values; }
}

class JsonDataSource extends TerraformDataSource {
  values: Record<string, TerraformValue> = {};
  protected override synthesizeAttributes(): Record<string, TerraformValue> { return this.values; }
}

export class AwsTerraformProvider extends TerraformProvider {
  private readonly region: string;

  constructor(scope: Construct, region: string) {
    super(scope, 'aws', {
      terraformResourceType: 'aws', terraformProviderSource: AWS_PROVIDER.source,
      terraformGeneratorMetadata: { providerName: 'aws', providerVersion: AWS_PROVIDER.version, providerVersionConstraint: AWS_PROVIDER.version },
    });
    this.region = region;
  }

  protected override synthesizeAttributes(): Record<string, TerraformValue> {
    return { region: this.region };
  }
}
