package html

// Where the index shows search results (the header's search form, on every
// page, leads to index.html?q=WORDS), and the scripts that fill it in.
const searchArea = `{{define "searcharea"}}<section id="search-area" aria-label="Search results">
<p id="search-status" class="muted" role="status" aria-live="polite"></p>
<ul id="search-results"></ul>
</section>{{end}}
{{define "searchscripts"}}<script src="assets/search-index.js"></script>
<script src="assets/search.js"></script>{{end}}`
