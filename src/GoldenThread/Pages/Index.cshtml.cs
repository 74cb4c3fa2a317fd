using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages;

/// <summary>The home page: the latest quarter at a glance.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
