namespace MolGrid.Server.Errors;

/// <summary>A request parameter or body part that cannot be used; <see cref="InvalidInputException.Input"/>
/// is the parameter's name, so the 400 response names the field.</summary>
public sealed class InvalidRequestException(string field, string reason, Exception? inner = null)
    : InvalidInputException(field, reason, inner);
