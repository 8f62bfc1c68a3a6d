// A window showing a static page: what every Tauri 2 app pays before doing anything.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the minimal app");
}
