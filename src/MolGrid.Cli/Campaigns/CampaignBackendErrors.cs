namespace MolGrid.Cli.Campaigns;

/// <summary>A server's refusal, as the CLI reports it (exit code 2: the user can fix the input).</summary>
public sealed class CampaignRequestException(string input, string reason) : InvalidInputException(input, reason);
