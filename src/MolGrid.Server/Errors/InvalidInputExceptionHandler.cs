using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MolGrid.Server.Errors;

/// <summary>
/// Turns the user's mistakes into problem-details answers: any <see cref="InvalidInputException"/> (bad spec
/// key, bad SMILES or SMARTS, bad paging) is a 400 whose "errors" names the field; an oversized body is a
/// 413. Everything else stays a 500 without internals.
/// </summary>
internal sealed class InvalidInputExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var e = exception is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : exception;
        ProblemDetails problem;
        switch (e)
        {
            case InvalidInputException bad:
                problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [bad.Input] = [bad.Reason] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid input",
                    Detail = bad.Message,
                };
                problem.Extensions["field"] = bad.Input;
                break;
            case PayloadTooLargeException big:
                problem = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Upload too large", Detail = big.Message };
                problem.Extensions["limitBytes"] = big.LimitBytes;
                break;
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } kestrel:
                problem = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Upload too large", Detail = kestrel.Message };
                break;
            default:
                return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = e });
    }
}
