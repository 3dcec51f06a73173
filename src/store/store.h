// Store: the SQLite archive of records (being written; see the archive issue).
#pragma once
