package fr.picloud.portal.catalogue;

import fr.picloud.portal.services.CatalogClient;
import fr.picloud.portal.services.CatalogClient.Search;
import fr.picloud.portal.services.CatalogClient.SearchResult;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The catalogue: a search box, facets (category, provider, price range) with their counts, and pages of
 * results with each offering's reference price.
 */
@Controller
class CatalogueController {

    static final int PAGE_SIZE = 10;

    private final CatalogClient catalog;

    CatalogueController(CatalogClient catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/catalogue";
    }

    @GetMapping("/catalogue")
    String search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String price,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Search search = new Search(q, category, provider, null, price, Math.max(0, page), PAGE_SIZE);
        long started = System.nanoTime();
        SearchResult result = catalog.search(search);
        model.addAttribute("search", search);
        model.addAttribute("result", result);
        model.addAttribute("tookMs", (System.nanoTime() - started) / 1_000_000);
        model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "catalogue";
    }
}
