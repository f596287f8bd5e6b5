"""The summary assistant: suggests summaries for editors to approve; never publishes one itself."""
