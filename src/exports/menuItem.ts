/** The admin list views' "Export CSV" item (in the list's "…" menu), for `admin.components.listMenuItems`. */
export const EXPORT_CSV_MENU_ITEM = '/src/admin/ExportCsvMenuItem#ExportCsvMenuItem'
